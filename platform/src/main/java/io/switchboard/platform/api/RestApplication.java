package io.switchboard.platform.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON REST API, version 1. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {
}
