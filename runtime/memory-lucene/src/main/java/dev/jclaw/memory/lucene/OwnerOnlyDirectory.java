package dev.jclaw.memory.lucene;

import dev.jclaw.core.storage.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;

/**
 * An index directory whose every new file is readable by the owner only: Lucene creates its files with the
 * process's umask, and the index holds the memories' text.
 */
final class OwnerOnlyDirectory extends FilterDirectory {
    private final Path path;

    private OwnerOnlyDirectory(FSDirectory in) {
        super(in);
        this.path = in.getDirectory();
    }

    /** Opens the directory, restricting it and the files already in it. */
    static OwnerOnlyDirectory open(Path path) throws IOException {
        OwnerOnly.directory(path);
        OwnerOnly.files(path, name -> true);
        return new OwnerOnlyDirectory(FSDirectory.open(path));
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        return restricted(super.createOutput(name, context));
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        return restricted(super.createTempOutput(prefix, suffix, context));
    }

    @Override
    public Lock obtainLock(String name) throws IOException {
        Lock lock = super.obtainLock(name); // write.lock: created by the lock factory, not by createOutput
        OwnerOnly.file(path.resolve(name));
        return lock;
    }

    private IndexOutput restricted(IndexOutput output) throws IOException {
        try {
            OwnerOnly.file(path.resolve(output.getName()));
            return output;
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }
}
