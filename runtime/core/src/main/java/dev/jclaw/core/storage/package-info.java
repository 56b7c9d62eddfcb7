/**
 * Where JClaw's data lives on disk and who may read it: the data directory and every database and index file in it
 * are the owner's only.
 */
package dev.jclaw.core.storage;
