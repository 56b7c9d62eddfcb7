/**
 * The JClaw core: the agent loop and the ports the runtime is built around. Depends on nothing but the plugin
 * API and the JDK.
 */
module dev.jclaw.core {
    requires transitive dev.jclaw.api;

    exports dev.jclaw.core.model;
    exports dev.jclaw.core.loop;
    exports dev.jclaw.core.event;
    exports dev.jclaw.core.dispatch;
    exports dev.jclaw.core.approval;
    exports dev.jclaw.core.schema;
    exports dev.jclaw.core.session;
    exports dev.jclaw.core.context;
    exports dev.jclaw.core.task;
    exports dev.jclaw.core.compaction;
    exports dev.jclaw.core.hook;
    exports dev.jclaw.core.metrics;
    exports dev.jclaw.core.memory;
    exports dev.jclaw.core.sandbox;
    exports dev.jclaw.core.storage;
    exports dev.jclaw.core.identity;
}
