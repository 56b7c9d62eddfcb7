package dev.jclaw.host.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.MethodRefEntry;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites, in the host's private copy of a plugin's jars, every call of {@code System.exit(int)},
 * {@code Runtime.exit(int)} and {@code Runtime.halt(int)} into code that throws a {@link SecurityException} saying
 * that plugins cannot stop the server. The plugin runs in the server's process: without this, one such call ends the
 * server. Reflection and method handles can still reach these methods; the guard is against mistakes and copied
 * command-line code, not against a plugin set on harm (plugins are trusted code).
 *
 * <p>Only classes that call one of the three are rewritten; every other entry is copied as it is. A rewritten jar
 * loses its signature files, since its signature no longer matches.
 */
final class ExitGuard {
    private static final ClassDesc SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc RUNTIME = ClassDesc.of("java.lang.Runtime");
    private static final ClassDesc SECURITY_EXCEPTION = ClassDesc.of("java.lang.SecurityException");
    private static final MethodTypeDesc INT_TO_VOID = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int);
    private static final MethodTypeDesc STRING_TO_VOID =
            MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String);
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)|META-INF/SIG-[^/]+",
            Pattern.CASE_INSENSITIVE);
    private static final byte[] EXIT = "exit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HALT = "halt".getBytes(StandardCharsets.US_ASCII);

    private ExitGuard() {
    }

    /** What a rewrite changed: each class and the calls in it, e.g. {@code com.x.Main (System.exit)}. */
    record Report(List<String> classes) {
    }

    /**
     * Rewrites the jars in place where needed.
     *
     * @param pluginId the plugin, named in the exception's message
     * @param jars the plugin's jars (the private copies)
     * @return the classes rewritten, empty when none called an exit method
     * @throws IOException when a jar cannot be read or written
     * @throws IllegalArgumentException when a class that calls an exit method cannot be rewritten
     */
    static Report guard(String pluginId, List<Path> jars) throws IOException {
        List<ZipFile> open = new ArrayList<>();
        try {
            for (Path jar : jars) {
                open.add(new ZipFile(jar.toFile()));
            }
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.ofResourceParsing(desc -> find(open, desc))
                            .orElse(ClassHierarchyResolver.defaultResolver())));
            List<String> rewritten = new ArrayList<>();
            for (int i = 0; i < jars.size(); i++) {
                rewritten.addAll(guardJar(classFile, pluginId, open.get(i), jars.get(i)));
            }
            return new Report(List.copyOf(rewritten));
        } finally {
            for (ZipFile zip : open) {
                zip.close();
            }
        }
    }

    private static InputStream find(List<ZipFile> jars, ClassDesc desc) {
        String name = desc.descriptorString();
        String entry = name.substring(1, name.length() - 1) + ".class";
        for (ZipFile jar : jars) {
            ZipEntry found = jar.getEntry(entry);
            if (found != null) {
                try {
                    return new ByteArrayInputStream(jar.getInputStream(found).readAllBytes());
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static List<String> guardJar(ClassFile classFile, String pluginId, ZipFile zip, Path jar)
            throws IOException {
        List<String> rewritten = new ArrayList<>();
        Path tmp = null;
        ZipOutputStream out = null;
        try {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            for (int i = 0; i < entries.size(); i++) {
                ZipEntry entry = entries.get(i);
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                Optional<byte[]> guarded = isClass(entry) ? rewrite(classFile, pluginId, bytes) : Optional.empty();
                if (guarded.isPresent() && out == null) {
                    // the first class to change: start the new jar and copy the entries before it
                    tmp = Files.createTempFile(jar.getParent(), ".guard-", ".tmp");
                    out = new ZipOutputStream(Files.newOutputStream(tmp));
                    out.setLevel(Deflater.BEST_SPEED); // a private copy: loading it soon matters more than its size
                    for (int j = 0; j < i; j++) {
                        copy(out, entries.get(j), zip.getInputStream(entries.get(j)).readAllBytes());
                    }
                }
                if (guarded.isPresent()) {
                    rewritten.add(entry.getName().replace('/', '.').replaceAll("\\.class$", ""));
                }
                if (out != null) {
                    copy(out, entry, guarded.orElse(bytes));
                }
            }
            if (out != null) {
                out.close();
                out = null;
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
            }
            return rewritten;
        } finally {
            if (out != null) {
                out.close();
            }
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static boolean isClass(ZipEntry entry) {
        String name = entry.getName();
        return name.endsWith(".class") && !name.endsWith("module-info.class") && !entry.isDirectory();
    }

    private static void copy(ZipOutputStream out, ZipEntry entry, byte[] bytes) throws IOException {
        if (SIGNATURE.matcher(entry.getName()).matches()) {
            return;
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(bytes);
        out.closeEntry();
    }

    /** @return the rewritten class, or empty when it calls no exit method */
    static Optional<byte[]> rewrite(ClassFile classFile, String pluginId, byte[] bytes) {
        if (!contains(bytes, EXIT) && !contains(bytes, HALT)) {
            return Optional.empty(); // most classes: not worth parsing
        }
        ClassModel model = classFile.parse(bytes);
        boolean refersToExit = false;
        for (var entry : model.constantPool()) {
            if (entry instanceof MethodRefEntry ref && exitName(ref.owner().asSymbol(), ref.name().stringValue(),
                    ref.type().stringValue()) != null) {
                refersToExit = true;
                break;
            }
        }
        if (!refersToExit) {
            return Optional.empty();
        }
        return Optional.of(classFile.transformClass(model, ClassTransform.transformingMethodBodies(
                ExitGuard::callsExit, (code, element) -> {
                    if (element instanceof InvokeInstruction call && exitName(call) != null) {
                        String called = exitName(call);
                        if (call.opcode() == Opcode.INVOKEVIRTUAL) {
                            code.pop(); // the status
                        }
                        code.pop() // the status, or the Runtime
                                .new_(SECURITY_EXCEPTION).dup()
                                .ldc("plugin '" + pluginId + "' called " + called
                                        + "; plugins cannot stop the server")
                                .invokespecial(SECURITY_EXCEPTION, ConstantDescs.INIT_NAME, STRING_TO_VOID)
                                .athrow();
                    } else {
                        code.with(element);
                    }
                })));
    }

    private static boolean callsExit(MethodModel method) {
        Optional<CodeModel> code = method.code();
        return code.isPresent() && code.get().elementStream()
                .anyMatch(e -> e instanceof InvokeInstruction call && exitName(call) != null);
    }

    private static String exitName(InvokeInstruction call) {
        boolean expected = call.opcode() == Opcode.INVOKESTATIC || call.opcode() == Opcode.INVOKEVIRTUAL;
        return expected ? exitName(call.owner().asSymbol(), call.name().stringValue(), call.type().stringValue())
                : null;
    }

    private static String exitName(ClassDesc owner, String name, String type) {
        if (!type.equals(INT_TO_VOID.descriptorString())) {
            return null;
        }
        if (owner.equals(SYSTEM) && name.equals("exit")) {
            return "System.exit";
        }
        if (owner.equals(RUNTIME) && (name.equals("exit") || name.equals("halt"))) {
            return "Runtime." + name;
        }
        return null;
    }

    private static boolean contains(byte[] bytes, byte[] word) {
        outer:
        for (int i = 0; i + word.length <= bytes.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (bytes[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
