package dev.jclaw.core.loop;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One turn to run: a user message (text and images) in the context of a conversation.
 *
 * @param sessionKey the stable address of the conversation, e.g. {@code cli:alice}
 * @param sessionId the current conversation's id (used as the prompt cache key)
 * @param model the model name
 * @param systemPrompt the system prompt
 * @param history the conversation so far, oldest first
 * @param userMessage what the user said now
 * @param workspace the directory tools are confined to
 * @param approval which tool calls need a yes
 * @param approver who says yes or no
 * @param transcript where each entry is written through
 * @param turnContext the runtime line of the per-turn suffix (time, model, session), built by the caller for this
 *                    turn; sent in the {@code <turn_context>} message, never stored; may be empty
 * @param steering where {@code /steer} and {@code /btw} messages wait for the turn's next step
 * @param principal who started the turn, with the turn's tier (the user's ceiling, lowered for this turn when a
 *                  request, channel or MCP server asked); with {@code approval}, the stricter decides
 * @param approvals the broker where calls that need a yes wait, shared by every turn so that any channel can
 *                  answer them
 * @param images the images the user sent with the message, at most {@value ImageInput#MAX_PER_MESSAGE}
 */
public record Turn(String sessionKey, String sessionId, String model, String systemPrompt, List<ChatMessage> history,
                   String userMessage, Path workspace, ApprovalPolicy approval, Approver approver,
                   Transcript transcript, String turnContext, Steering steering, Principal principal,
                   Approvals approvals, List<ImageInput> images) {
    /** Checks and copies the fields. */
    public Turn {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        history = List.copyOf(history);
        Objects.requireNonNull(userMessage, "userMessage");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(turnContext, "turnContext");
        Objects.requireNonNull(steering, "steering");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(approvals, "approvals");
        images = ImageInput.copyOf(images);
    }

    /**
     * Creates a turn of the person at the local terminal ({@link Approvals#TERMINAL}: the approval policy alone
     * decides), without images, whose approvals wait in a broker of its own and are answered by {@code approver}.
     *
     * @param sessionKey the stable address of the conversation, e.g. {@code cli:alice}
     * @param sessionId the current conversation's id
     * @param model the model name
     * @param systemPrompt the system prompt
     * @param history the conversation so far, oldest first
     * @param userMessage what the user said now
     * @param workspace the directory tools are confined to
     * @param approval which tool calls need a yes
     * @param approver who says yes or no
     * @param transcript where each entry is written through
     * @param turnContext the runtime line of the per-turn suffix, may be empty
     * @param steering where {@code /steer} and {@code /btw} messages wait for the turn's next step
     */
    public Turn(String sessionKey, String sessionId, String model, String systemPrompt, List<ChatMessage> history,
                String userMessage, Path workspace, ApprovalPolicy approval, Approver approver,
                Transcript transcript, String turnContext, Steering steering) {
        this(sessionKey, sessionId, model, systemPrompt, history, userMessage, workspace, approval, approver,
                transcript, turnContext, steering, Approvals.TERMINAL, new Approvals(), List.of());
    }

    /**
     * Creates a turn that nobody steers.
     *
     * @param sessionKey the stable address of the conversation
     * @param sessionId the current conversation's id
     * @param model the model name
     * @param systemPrompt the system prompt
     * @param history the conversation so far, oldest first
     * @param userMessage what the user said now
     * @param workspace the directory tools are confined to
     * @param approval which tool calls need a yes
     * @param approver who says yes or no
     * @param transcript where each entry is written through
     * @param turnContext the runtime line of the per-turn suffix, may be empty
     */
    public Turn(String sessionKey, String sessionId, String model, String systemPrompt, List<ChatMessage> history,
                String userMessage, Path workspace, ApprovalPolicy approval, Approver approver,
                Transcript transcript, String turnContext) {
        this(sessionKey, sessionId, model, systemPrompt, history, userMessage, workspace, approval, approver,
                transcript, turnContext, new Steering());
    }

    /**
     * Creates a turn without a runtime line.
     *
     * @param sessionKey the stable address of the conversation
     * @param sessionId the current conversation's id
     * @param model the model name
     * @param systemPrompt the system prompt
     * @param history the conversation so far, oldest first
     * @param userMessage what the user said now
     * @param workspace the directory tools are confined to
     * @param approval which tool calls need a yes
     * @param approver who says yes or no
     * @param transcript where each entry is written through
     */
    public Turn(String sessionKey, String sessionId, String model, String systemPrompt, List<ChatMessage> history,
                String userMessage, Path workspace, ApprovalPolicy approval, Approver approver,
                Transcript transcript) {
        this(sessionKey, sessionId, model, systemPrompt, history, userMessage, workspace, approval, approver,
                transcript, "");
    }
}
