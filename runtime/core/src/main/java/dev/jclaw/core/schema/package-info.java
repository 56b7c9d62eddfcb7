/**
 * Checks JSON values against a JSON Schema: the subset tools declare for their arguments, compiled once and
 * checked on every call before the tool runs.
 */
package dev.jclaw.core.schema;
