package dev.jclaw.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped models, run for real (each loads once, in about a second). */
class OnnxEmbedderTest {
    static final OnnxEmbedder BGE = new OnnxEmbedder(OnnxEmbedder.Model.BGE_SMALL_ZH_V15);

    static double cos(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void gives_unit_vectors_that_put_paraphrases_closer_than_unrelated_text_in_both_languages() throws Exception {
        List<float[]> v = BGE.embed(List.of("生产环境的缓存服务器在哪里？", "生产环境的 Redis 部署在 redis-prod-3 上",
                "周五下午有团队聚餐", "Where does the production cache run?", "Team lunch is on Friday",
                "The production Redis runs on redis-prod-3"));
        assertThat(v).hasSize(6).allSatisfy(x -> assertThat(x).hasSize(512));
        assertThat(cos(v.get(0), v.get(0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(cos(v.get(0), v.get(1))).isGreaterThan(cos(v.get(0), v.get(2)));
        assertThat(cos(v.get(3), v.get(5))).isGreaterThan(cos(v.get(3), v.get(4)));
        assertThat(BGE.model()).isEqualTo("local:bge-small-zh-v15");
    }

    @Test
    void tells_capitalised_names_apart_as_it_does_lower_case_ones() throws Exception {
        // the tokenizer shipped with bge does not lower-case; unhelped, every capitalised word was one unknown token
        List<float[]> v = BGE.embed(List.of("The PagerDuty contract renews every August; Daniel is the account owner.",
                "The Figma contract renews every March; Sofia is the account owner.",
                "the pagerduty contract renews every august; daniel is the account owner."));
        assertThat(cos(v.get(0), v.get(1))).isLessThan(0.9);
        assertThat(cos(v.get(0), v.get(2))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void embeds_nothing_for_no_texts_and_an_empty_text_without_failing() throws Exception {
        assertThat(BGE.embed(List.of())).isEmpty();
        assertThat(BGE.embed(List.of("", "   "))).hasSize(2);
    }

    @Test
    void names_the_local_models_there_are() {
        assertThat(OnnxEmbedder.Model.named("ALL-MINILM-L6-V2")).isEqualTo(OnnxEmbedder.Model.ALL_MINILM_L6_V2);
        assertThatThrownBy(() -> OnnxEmbedder.Model.named("gpt-embed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no local embedding model gpt-embed; there are bge-small-zh-v15 and all-minilm-l6-v2");
    }
}
