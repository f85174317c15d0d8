package io.switchboard.platform.problem;

import io.switchboard.spi.config.ValidationProblem;
import java.util.List;

/**
 * Input refused, with a plain-words message per offending field. Nothing has been written when it is thrown. The
 * API answers it 400 with the first field and all problems; the UI shows each message next to its field.
 */
public class InvalidInputException extends RuntimeException {

    private final transient List<ValidationProblem> problems;

    public InvalidInputException(List<ValidationProblem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new ValidationProblem(field, message)));
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
