/**
 * End-to-end tests of the distribution. The module has no code of its own: its tests start {@code bin/jclaw} as a
 * separate process and talk to it over HTTP, reading JSON with the plugin API's model.
 */
module dev.jclaw.e2e {
    requires dev.jclaw.api;
    requires java.net.http;
}
