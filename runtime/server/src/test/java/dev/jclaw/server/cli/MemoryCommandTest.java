package dev.jclaw.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jclaw memory add} and {@code jclaw memory split} in this process, over the real memory database, index and
 * the shipped embedding model: nothing a user adds is lost, every merge is shown and can be split back out.
 */
class MemoryCommandTest {
    static final Pattern SPLIT = Pattern.compile("jclaw memory split( --namespace \\S+)? ([0-9a-f]{8})");

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    Run jclaw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                explicit -> ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME", home.toString()))
                        .build());
        int code = cli.run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run add(String text) {
        return jclaw("memory", "add", "--namespace", "feishu:app:oc_team", text);
    }

    @Nested
    class Adding {
        @Test
        void keeps_the_three_contracts_of_the_report_as_three_memories() {
            for (String contract : List.of(
                    "The PagerDuty contract renews every August; Daniel is the account owner.",
                    "The Figma contract renews every March; Sofia is the account owner.",
                    "The Sentry contract renews every March; Daniel is the account owner.",
                    "PagerDuty 合同每年八月续签，负责人是张伟。", "Figma 合同每年三月续签，负责人是李娜。")) {
                Run r = add(contract);
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.err()).as(contract).startsWith("added [L2 ");
            }
            assertThat(jclaw("memory", "list", "--namespace", "feishu:app:oc_team").out().lines()).hasSize(5);
        }

        @Test
        void shows_a_merge_with_both_texts_and_splits_it_back_out() {
            add("Daniel is the account owner for PagerDuty");
            Run merged = add("The account owner for PagerDuty is Daniel");
            assertThat(merged.code()).as(merged.err()).isZero();
            assertThat(merged.err()).startsWith("merged into [L2 ").contains("\"Daniel is the account owner for"
                    + " PagerDuty\"").contains("\"The account owner for PagerDuty is Daniel\"");
            assertThat(merged.out().lines()).hasSize(2).last().asString().contains("(merged into [L2 ");
            Matcher m = SPLIT.matcher(merged.err());
            assertThat(m.find()).as(merged.err()).isTrue();
            assertThat(m.group(1)).isEqualTo(" --namespace feishu:app:oc_team");
            String id = m.group(2);
            assertThat(jclaw("memory", "list", "--namespace", "feishu:app:oc_team").out().lines()).hasSize(1);
            assertThat(jclaw("memory", "list", "--namespace", "feishu:app:oc_team", "--all").out())
                    .contains("[L2 " + id + "] (merged into [L2 ");
            assertThat(jclaw("memory", "stats", "--namespace", "feishu:app:oc_team").out())
                    .contains("1 facts, 0 procedures, 0 archives, 0 forgotten, 1 merged");

            Run split = jclaw("memory", "split", "--namespace", "feishu:app:oc_team", id);
            assertThat(split.code()).as(split.err()).isZero();
            assertThat(split.err()).startsWith("split [L2 " + id + "] out of [L2 ");
            assertThat(split.out()).startsWith("[L2 " + id + "] The account owner for PagerDuty is Daniel");
            assertThat(jclaw("memory", "list", "--namespace", "feishu:app:oc_team").out().lines()).hasSize(2);
            assertThat(jclaw("memory", "search", "--namespace", "feishu:app:oc_team", "who owns PagerDuty").out())
                    .contains("[L2 " + id + "]");
        }

        @Test
        void prints_both_entries_of_a_merge_as_json() {
            add("周末值班由张伟负责");
            Run r = jclaw("memory", "add", "--namespace", "feishu:app:oc_team", "--json", "张伟负责周末值班");
            List<JsonObject> lines = r.out().lines().map(Json::parseObject).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0).string("status")).isEqualTo("active");
            assertThat(lines.get(1).string("status")).isEqualTo("merged");
            assertThat(lines.get(1).string("merged_into")).isEqualTo(lines.get(0).string("id"));
            assertThat(lines.get(1).string("content")).isEqualTo("张伟负责周末值班");
            assertThat(add("周末值班由李娜负责").err()).startsWith("added [L2 ");
        }
    }

    @Nested
    class Splitting {
        @Test
        void refuses_unknown_malformed_and_foreign_ids_in_one_sentence_and_changes_nothing() {
            add("Daniel is the account owner for PagerDuty");
            add("The account owner for PagerDuty is Daniel");
            Run bob = jclaw("memory", "add", "--namespace", "cli:bob", "--json", "bob's own fact");
            String bobsId = Json.parseObject(bob.out().strip()).string("short_id");
            String before = jclaw("memory", "list", "--namespace", "feishu:app:oc_team", "--all").out();
            for (List<String> ids : List.of(List.of("deadbeef"), List.of("'; DROP TABLE memories; --"),
                    List.of(bobsId), List.of("../../etc/passwd"), List.of("x".repeat(500)))) {
                Run r = jclaw(Stream.concat(Stream.of("memory", "split", "--namespace",
                        "feishu:app:oc_team"), ids.stream()).toArray(String[]::new));
                assertThat(r.code()).as("%s", ids).isEqualTo(1);
                assertThat(r.err()).as("%s", ids).startsWith("jclaw: ").doesNotContain("Exception")
                        .doesNotContain("\tat ").hasLineCount(1);
            }
            for (List<String> args : List.of(List.of("memory", "split"), List.of("memory", "split", "a", "b"))) {
                Run r = jclaw(args.toArray(String[]::new));
                assertThat(r.code()).as("%s", args).isEqualTo(2);
                assertThat(r.err()).as("%s", args).startsWith("jclaw: ").hasLineCount(1);
            }
            assertThat(jclaw("memory", "list", "--namespace", "feishu:app:oc_team", "--all").out()).isEqualTo(before);
            assertThat(jclaw("memory", "list", "--namespace", "cli:bob").out()).contains("bob's own fact");
        }
    }
}
