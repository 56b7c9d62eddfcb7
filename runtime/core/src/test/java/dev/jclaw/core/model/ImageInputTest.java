package dev.jclaw.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.session.Entry;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

public class ImageInputTest {
    /** A real 1×1 PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    /** @return the 1×1 PNG, for tests of other packages */
    public static ImageInput pixel() {
        return ImageInput.inline("image/png", PNG);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] signed(int size, int... head) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < head.length; i++) {
            bytes[i] = (byte) head[i];
        }
        return bytes;
    }

    static void refused(Runnable make, String reason) {
        assertThatThrownBy(make::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\n"));
    }

    @Nested
    class Inline {
        @Test
        void takes_each_allowed_format_and_gives_back_its_bytes_and_data_url() {
            ImageInput png = pixel();
            assertThat(png.isInline()).isTrue();
            assertThat(png.size()).isEqualTo(70);
            assertThat(png.bytes()).hasSize(70).startsWith((byte) 0x89, (byte) 'P');
            assertThat(png.toUrl()).isEqualTo("data:image/png;base64," + PNG);
            assertThat(ImageInput.inline("image/jpeg", base64(signed(5, 0xFF, 0xD8, 0xFF))).size()).isEqualTo(5);
            assertThat(ImageInput.inline("image/gif", base64("GIF89a...".getBytes())).size()).isEqualTo(9);
            assertThat(ImageInput.inline("image/webp", base64("RIFF\0\0\0\0WEBPVP8 ".getBytes())).size()).isEqualTo(16);
        }

        @Test
        void refuses_other_media_types_and_data_that_is_not_what_it_says() {
            refused(() -> ImageInput.inline("image/svg+xml", PNG), "media type is one of");
            refused(() -> ImageInput.inline("IMAGE/PNG", PNG), "media type is one of");
            refused(() -> ImageInput.inline("", PNG), "needs its media type");
            refused(() -> ImageInput.inline("image/jpeg", PNG), "is not image/jpeg");
            refused(() -> ImageInput.inline("image/png", base64("<svg onload=alert(1)>".getBytes())), "not image/png");
            refused(() -> ImageInput.inline("image/webp", base64("RIFF\0\0\0\0WAVE".getBytes())), "not image/webp");
        }

        @Test
        void refuses_malformed_base64() {
            refused(() -> ImageInput.inline("image/png", PNG.substring(0, 40) + "\n" + PNG.substring(40)), "base64");
            refused(() -> ImageInput.inline("image/png", PNG.replace('+', '-')), "base64");
            refused(() -> ImageInput.inline("image/png", PNG.substring(0, PNG.length() - 1)), "base64");
            refused(() -> ImageInput.inline("image/png", "iVBO=RwK"), "base64");
            refused(() -> ImageInput.inline("image/png", "===="), "base64");
            refused(() -> new ImageInput("image/png", "", ""), "exactly one");
            refused(() -> new ImageInput("image/png", PNG, "https://example.com/a.png"), "exactly one");
        }

        @Test
        void takes_twenty_mebibytes_and_refuses_a_byte_more() {
            byte[] max = signed(ImageInput.MAX_BYTES, 0xFF, 0xD8, 0xFF);
            assertThat(ImageInput.inline("image/jpeg", base64(max)).size()).isEqualTo(ImageInput.MAX_BYTES);
            byte[] over = signed(ImageInput.MAX_BYTES + 1, 0xFF, 0xD8, 0xFF);
            refused(() -> ImageInput.inline("image/jpeg", base64(over)), "at most 20 MiB");
            refused(() -> ImageInput.inline("image/jpeg", "A".repeat(40 * 1024 * 1024)), "at most 20 MiB");
        }

        @Test
        void never_prints_its_data() {
            assertThat(pixel().toString()).isEqualTo("ImageInput[image/png, 70 bytes]").doesNotContain(PNG);
        }
    }

    @Nested
    class ByUrl {
        @Test
        void takes_http_and_https_urls() {
            ImageInput url = ImageInput.url("https://example.com/a%20b.png?x=1#top");
            assertThat(url.isInline()).isFalse();
            assertThat(url.toUrl()).isEqualTo("https://example.com/a%20b.png?x=1#top");
            assertThat(url.size()).isZero();
            assertThat(url.bytes()).isEmpty();
            assertThat(ImageInput.url("HTTP://[::1]:8080/x").url()).isEqualTo("HTTP://[::1]:8080/x");
            assertThat(new ImageInput("image/gif", "", "http://example.com/x.gif").mediaType()).isEqualTo("image/gif");
        }

        @Test
        void refuses_other_schemes_credentials_and_malformed_or_long_urls() {
            for (String url : List.of("file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/a.png",
                    "data:image/png;base64," + PNG, "//example.com/a.png", "example.com/a.png", "gopher://x/")) {
                refused(() -> ImageInput.url(url), "http or https");
            }
            refused(() -> ImageInput.url("https://user:secret@example.com/a.png"), "credentials");
            refused(() -> ImageInput.url("https:///a.png"), "names a host");
            refused(() -> ImageInput.url("https://example.com/a b.png"), "well-formed");
            refused(() -> ImageInput.url("https://example.com/\u0000"), "well-formed");
            refused(() -> ImageInput.url("https://example.com/" + "a".repeat(ImageInput.MAX_URL)), "at most 8192");
        }
    }

    @Nested
    class Parsing {
        @Test
        void reads_data_urls_as_inline_images_and_http_urls_as_urls() {
            assertThat(ImageInput.parse("data:image/png;base64," + PNG)).isEqualTo(pixel());
            assertThat(ImageInput.parse("DATA:Image/PNG;BASE64," + PNG)).isEqualTo(pixel());
            assertThat(ImageInput.parse("https://example.com/a.png")).isEqualTo(ImageInput.url(
                    "https://example.com/a.png"));
            refused(() -> ImageInput.parse("data:image/png," + PNG), "data:<media type>;base64,<data>");
            refused(() -> ImageInput.parse("data:text/html;base64,PGI+"), "media type is one of");
            refused(() -> ImageInput.parse("data:"), "data:<media type>;base64,<data>");
        }
    }

    @Nested
    class InMessages {
        @Test
        void keep_images_in_order_and_at_most_sixteen() {
            List<ImageInput> sixteen = Collections.nCopies(ImageInput.MAX_PER_MESSAGE, pixel());
            assertThat(new ChatMessage.User("x", sixteen).images()).hasSize(16);
            assertThat(new Entry.User("x", sixteen).images()).hasSize(16);
            assertThat(new ChatMessage.User("x")).isEqualTo(new ChatMessage.User("x", List.of()));
            List<ImageInput> seventeen = Collections.nCopies(ImageInput.MAX_PER_MESSAGE + 1, pixel());
            refused(() -> new ChatMessage.User("x", seventeen), "at most 16 images");
            refused(() -> new Entry.User("x", seventeen), "at most 16 images");
        }

        @Test
        void copy_the_list_they_are_given() {
            List<ImageInput> images = new java.util.ArrayList<>(List.of(pixel()));
            ChatMessage.User message = new ChatMessage.User("x", images);
            images.add(pixel());
            assertThat(message.images()).hasSize(1);
            assertThatThrownBy(() -> message.images().add(pixel())).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
