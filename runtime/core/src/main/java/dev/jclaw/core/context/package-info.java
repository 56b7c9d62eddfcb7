/**
 * The context a model reads in a turn: the prompt zones (frozen prefix, per-turn suffix, dynamic zone), their token
 * budgets, and how tokens are counted.
 */
package dev.jclaw.core.context;
