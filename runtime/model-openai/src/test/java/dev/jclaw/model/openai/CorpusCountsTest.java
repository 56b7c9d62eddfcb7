package dev.jclaw.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jclaw.core.model.EstimatedTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The core's calibration corpus against the real encodings: the counts recorded there still hold, and the estimate
 * stays close on it and not far off on unusual text. Run from the module directory, as Maven does.
 */
class CorpusCountsTest {
    static final Path CORE = Path.of("../core/src/test/resources/dev/jclaw/core/context");

    record Sample(String name, String text, int o200k, int cl100k) {
    }

    static List<Sample> corpus() throws IOException {
        return Files.readAllLines(CORE.resolve("reference-counts.tsv")).stream().filter(l -> !l.startsWith("#"))
                .map(line -> {
                    String[] f = line.split("\t");
                    try {
                        String text = Files.readString(CORE.resolve("corpus").resolve(f[0])).replace("\r\n", "\n");
                        return new Sample(f[0], text, Integer.parseInt(f[2]), Integer.parseInt(f[3]));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
    }

    @Nested
    class Corpus {
        @Test
        void has_the_counts_the_core_records() throws IOException {
            List<Sample> corpus = corpus();
            assertThat(corpus).hasSizeGreaterThanOrEqualTo(20);
            for (Sample s : corpus) {
                assertThat(BpeTokens.O200K_BASE.count(s.text())).as(s.name()).isEqualTo(s.o200k());
                assertThat(BpeTokens.CL100K_BASE.count(s.text())).as(s.name()).isEqualTo(s.cl100k());
            }
        }

        @Test
        void is_estimated_within_ten_percent_of_o200k() throws IOException {
            for (Sample s : corpus()) {
                int real = BpeTokens.O200K_BASE.count(s.text());
                double error = (EstimatedTokens.INSTANCE.count(s.text()) - real) / (double) real;
                assertThat(error).as(s.name()).isCloseTo(0.0, within(0.10));
            }
        }
    }

    @Nested
    class UnusualText {
        @Test
        void is_estimated_within_thirty_five_percent_of_o200k() {
            byte[] bytes = new byte[3000];
            new Random(3).nextBytes(bytes);
            Map<String, String> texts = Map.ofEntries(
                    Map.entry("emoji", "Great job 🎉🎉 thanks 👍🏽 see you ☕️ → next ✅ done ❤️ ".repeat(20)),
                    Map.entry("box drawing", "┌──────┬──────┐\n│ a    │ b    │\n└──────┴──────┘\n".repeat(10)),
                    Map.entry("base64", Base64.getEncoder().encodeToString(bytes)),
                    Map.entry("hex", HexFormat.of().formatHex(bytes)),
                    Map.entry("urls", "See https://github.com/knuddels/jtokkit/blob/main/lib/src/main/java/com/"
                            + "knuddels/jtokkit/Encodings.java?plain=1#L42 and https://platform.openai.com/docs for"
                            + " details. ".repeat(10)),
                    Map.entry("one letter", "a".repeat(10_000)),
                    Map.entry("blanks", " ".repeat(10_000) + "\n".repeat(10_000)),
                    Map.entry("rules", "-".repeat(5_000) + "\n" + "=".repeat(5_000)),
                    Map.entry("arabic", "النموذج يقرأ عددا محدودا من الرموز في كل دورة، لذلك يقسم الوكيل الطلب. "
                            .repeat(5)),
                    Map.entry("hindi", "मॉडल हर बारी में सीमित संख्या में टोकन पढ़ता है, इसलिए एजेंट अनुरोध बांटता है। "
                            .repeat(5)),
                    Map.entry("thai", "โมเดลอ่านโทเค็นได้จำนวนจำกัดในแต่ละรอบ ดังนั้นเอเจนต์จึงแบ่งคำขอ ".repeat(5)),
                    Map.entry("greek", "Το μοντέλο διαβάζει περιορισμένο αριθμό διακριτικών σε κάθε γύρο. ".repeat(5)),
                    Map.entry("math", "∑ᵢ xᵢ² ≤ ∫₀^∞ f(x) dx ± ε, ∀ε > 0 ⇒ α·β ≠ γ ".repeat(10)),
                    Map.entry("fullwidth", "ＡＢＣ１２３：（テスト）！".repeat(20)));
            texts.forEach((name, text) -> {
                int real = BpeTokens.O200K_BASE.count(text);
                double error = (EstimatedTokens.INSTANCE.count(text) - real) / (double) real;
                assertThat(error).as(name).isCloseTo(0.0, within(0.35));
            });
        }
    }
}
