/**
 * The configuration: {@code jclaw.json} and its environment overrides and placeholders, validated against
 * {@code configs/jclaw.schema.json}, and the typed sections the runtime reads. Depends on nothing but the core and
 * the JDK.
 */
module dev.jclaw.config {
    requires transitive dev.jclaw.core;

    exports dev.jclaw.config;
}
