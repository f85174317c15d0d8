package io.switchboard.platform.ui;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.FieldType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Helpers shared by the pages that render a schema. */
final class Forms {

    private Forms() {
    }

    /** @return for a MAPPING, the choices of each CHOICE column: fixed ones, else asked of {@code source} */
    static Map<String, List<Choice>> columnOptions(ConfigField field, Function<String, List<Choice>> source) {
        Map<String, List<Choice>> options = new HashMap<>();
        if (field.type() != FieldType.MAPPING) {
            return options;
        }
        for (ConfigField column : field.columns()) {
            if (column.type() == FieldType.CHOICE && column.choices().isEmpty() && column.optionsSource() != null) {
                options.put(column.key(), source.apply(column.optionsSource()));
            }
        }
        return options;
    }
}
