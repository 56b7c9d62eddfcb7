/**
 * Compaction: when a conversation's history grows past its budget, the provider reports a context overflow, or the
 * user asks ({@code /compact [focus]}), the model summarises the older part of the branch and the summary is
 * appended as a {@link dev.jclaw.core.session.Entry.CompactionSummary}; the recent tail stays verbatim.
 * {@link dev.jclaw.core.compaction.Compactor} does the work, {@link dev.jclaw.core.compaction.CompactionPolicy}
 * says when, {@link dev.jclaw.core.compaction.HistoryTokens} measures a branch as the model reads it.
 */
package dev.jclaw.core.compaction;
