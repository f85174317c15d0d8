package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaults() {
        Options o = Options.parse("--target=http://127.0.0.1:8080/hooks/abc/def");
        assertThat(o.target()).isEqualTo(URI.create("http://127.0.0.1:8080/hooks/abc/def"));
        assertThat(o.noop()).isNull();
        assertThat(o.method()).isEqualTo("POST");
        assertThat(o.concurrency()).isEqualTo(32);
        assertThat(o.durationSeconds()).isEqualTo(20);
        assertThat(o.warmupSeconds()).isEqualTo(5);
        assertThat(o.rounds()).isEqualTo(2);
        assertThat(o.token()).isNull();
        assertThat(o.timeoutSeconds()).isEqualTo(30);
        assertThat(o.run()).matches("[a-z0-9]+");
        assertThat(o.client()).isEqualTo("raw");
        assertThat(o.calls()).isEqualTo("each");
        assertThat(o.help()).isFalse();
    }

    @Test
    void everyOption() {
        Options o = Options.parse("--target=https://h/hooks/x/y?a=1", "--noop=http://h/noop", "--method=get",
                "--concurrency=8", "--duration=2.5", "--warmup=0", "--rounds=3", "--token=s3cr=t&x",
                "--timeout=1", "--run=r42", "--client=JDK", "--calls=Whole");
        assertThat(o.noop()).isEqualTo(URI.create("http://h/noop"));
        assertThat(o.method()).isEqualTo("GET");
        assertThat(o.concurrency()).isEqualTo(8);
        assertThat(o.durationSeconds()).isEqualTo(2.5);
        assertThat(o.warmupSeconds()).isZero();
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.token()).isEqualTo("s3cr=t&x"); // only the first '=' separates key and value
        assertThat(o.timeoutSeconds()).isEqualTo(1);
        assertThat(o.run()).isEqualTo("r42");
        assertThat(o.client()).isEqualTo("jdk");
        assertThat(o.calls()).isEqualTo("whole");
        assertThat(Options.parse("--target=http://h/", "--calls=each").calls()).isEqualTo("each");
        assertThat(Options.parse("--target=http://h/").requests()).isZero();
        assertThat(Options.parse("--target=http://h/", "--requests=250").requests()).isEqualTo(250);
    }

    @Test
    void help() {
        assertThat(Options.parse("--concurrency=8", "--help").help()).isTrue();
        assertThat(Options.parse("-h").help()).isTrue();
        assertThat(Options.USAGE).contains("--target=URL", "--noop=URL", "--method=POST|GET", "--concurrency=N",
                "--duration=SECONDS", "--warmup=SECONDS", "--token=", "--calls=each|whole");
    }

    @Test
    void refusals() {
        assertThatThrownBy(Options::parse).hasMessageContaining("--target=URL is required");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--bogus=1")).hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "concurrency=1")).hasMessageContaining("not an option");
        assertThatThrownBy(() -> Options.parse("--target")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("--target=ftp://h/x")).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> Options.parse("--target=not a url")).hasMessageContaining("not a URL");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--method=PUT")).hasMessageContaining("POST or GET");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--concurrency=0")).hasMessageContaining("between 1");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--concurrency=x")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--duration=0")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--warmup=-1")).hasMessageContaining("from 0");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--run=a-b")).hasMessageContaining("letters or digits");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--target=http://g/")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--client=curl")).hasMessageContaining("raw or jdk");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--calls=x"))
                .hasMessage("--calls must be each or whole, not 'x'");
        assertThatThrownBy(() -> Options.parse("--target=https://h/")).hasMessageContaining("--client=jdk for https");
        assertThatThrownBy(() -> Options.parse("--target=http://h/", "--noop=https://h/")).hasMessageContaining("http only");
    }
}
