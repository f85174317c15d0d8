package io.switchboard.spi.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link ConfigSchema#bind} made of submitted settings: the typed values and the problems found. The values are
 * complete only when there are no problems; the platform saves a connection (and calls the connector's own
 * {@link io.switchboard.spi.Connector#validate}) only then.
 *
 * @param values   the typed values (what the connector later gets as its configuration)
 * @param problems the problems by field, in schema order; empty when the input is acceptable
 * @since 1.4
 */
public record BoundConfig(ConfigValues values, List<ValidationProblem> problems) {

    public BoundConfig {
        Objects.requireNonNull(values, "values");
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** @return true when there are no problems */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * For tests and tools: the values, or an exception listing every problem.
     *
     * @return the values when there are no problems
     * @throws IllegalArgumentException naming each problem's field and message
     */
    public ConfigValues orElseThrow() {
        if (!ok()) {
            throw new IllegalArgumentException("settings refused: " + problems.stream()
                    .map(p -> (p.field() == null ? "" : p.field() + ": ") + p.message())
                    .collect(Collectors.joining("; ")));
        }
        return values;
    }
}
