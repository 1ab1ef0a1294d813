import com.sun.source.util.JavacTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Parses (only parses: JavacTask.parse, no attribution) every file listed in FILE with javac's own parser, REPEAT
 * times, and prints the same summary lines as the V6Ready harness (files, parse failures, MB/s). With --failures,
 * lists the files javac rejects. Usage: java JavacParse.java FILE [REPEAT] [--failures]
 */
public class JavacParse {
    static final class Src extends SimpleJavaFileObject {
        final String text;
        Src(Path p, String text) { super(p.toUri(), Kind.SOURCE); this.text = text; }
        @Override public CharSequence getCharContent(boolean ignore) { return text; }
    }

    public static void main(String[] args) throws Exception {
        List<String> names = Files.readAllLines(Path.of(args[0]));
        int repeat = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 1;
        boolean showFailures = List.of(args).contains("--failures");
        List<Src> files = new ArrayList<>();
        long bytes = 0;
        for (String n : names) {
            if (n.isEmpty()) continue;
            Path p = Path.of(n);
            byte[] b = Files.readAllBytes(p);
            bytes += b.length;
            files.add(new Src(p, new String(b, StandardCharsets.UTF_8)));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // javac's best case: one task parses a batch of files (a task per file costs far more); the first pass warms
        // up the JIT and collects the files with errors
        java.util.Set<String> failed = new java.util.TreeSet<>();
        parseAll(javac, files, failed);
        // process CPU time (all threads: JIT and GC included), as the .NET harness measures its own
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int r = 0; r < repeat; r++) parseAll(javac, files, null);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double mb = bytes * (double) repeat / (1024 * 1024);
        System.out.printf("files=%d bytes=%d parsed_ok=%d failed=%d rate=%.3f%%%n", files.size(), bytes, files.size() - failed.size(), failed.size(),
            files.isEmpty() ? 100.0 : 100.0 * (files.size() - failed.size()) / files.size());
        System.out.printf("seconds=%.3f MBps=%.2f cpu_seconds=%.3f cpuMBps=%.2f%n", secs, mb / secs, cpu, mb / cpu);
        if (showFailures) for (String f : failed) System.out.println("FAIL " + f);
    }

    static void parseAll(JavaCompiler javac, List<Src> files, java.util.Set<String> failed) throws Exception {
        for (int i = 0; i < files.size(); i += 500) {
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            JavacTask task = (JavacTask) javac.getTask(null, null, diags, List.of("-proc:none"), null, files.subList(i, Math.min(files.size(), i + 500)));
            task.parse();
            if (failed == null) continue;
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics())
                if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) failed.add(d.getSource().toUri().getPath());
        }
    }
}
