package io.switchboard.platform.ui;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.FieldType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a rendered connection form, holding what the person typed until it is saved. Everything shown of
 * it (label, help, choices, variables, columns) is plugin-provided text: the pages print it escaped.
 */
public class FormField implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ConfigField field;
    private final List<Choice> options;
    private final Map<String, List<Choice>> columnOptions;
    private String text;
    private boolean checked;
    private List<String> selected = new ArrayList<>();
    private final List<Map<String, String>> rows = new ArrayList<>();
    private boolean secretSet;
    private boolean clearSecret;

    FormField(ConfigField field, List<Choice> options) {
        this(field, options, Map.of());
    }

    /**
     * @param options       the choices of a CHOICE / MULTI_CHOICE field
     * @param columnOptions for a MAPPING: choices of its CHOICE columns by column key (fixed or asked of a connector)
     */
    FormField(ConfigField field, List<Choice> options, Map<String, List<Choice>> columnOptions) {
        this.field = field;
        this.options = List.copyOf(options);
        this.columnOptions = Map.copyOf(columnOptions);
    }

    /** @return the choices of a mapping column */
    public List<Choice> columnChoices(ConfigField column) {
        return columnOptions.getOrDefault(column.key(), column.choices());
    }

    /** Fills the field from a stored (or default) typed value. */
    @SuppressWarnings("unchecked")
    void fill(Object value) {
        switch (field.type()) {
            case BOOLEAN -> checked = value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
            case MULTI_CHOICE -> selected = value instanceof List<?> l ? new ArrayList<>((List<String>) l)
                    : value == null ? new ArrayList<>() : new ArrayList<>(List.of(value.toString().split(",")));
            case MAPPING -> {
                rows.clear();
                if (value instanceof List<?> l) {
                    for (Object row : l) {
                        Map<String, String> cells = newRow();
                        cells.putAll((Map<String, String>) row);
                        rows.add(cells);
                    }
                }
            }
            case SECRET -> text = null;
            default -> text = value == null ? null : value.toString();
        }
    }

    /** @return the value as the validator takes it (a blank secret keeps the stored one) */
    Object submitted() {
        return switch (field.type()) {
            case BOOLEAN -> String.valueOf(checked);
            case MULTI_CHOICE -> List.copyOf(selected);
            case MAPPING -> rows.stream().map(LinkedHashMap::new).toList();
            case SECRET -> clearSecret && (text == null || text.isBlank())
                    ? io.switchboard.platform.connection.ConfigInput.CLEAR : text;
            default -> text;
        };
    }

    public void addRow() {
        rows.add(newRow());
    }

    public void removeRow(int index) {
        if (index >= 0 && index < rows.size()) {
            rows.remove(index);
        }
    }

    private Map<String, String> newRow() {
        Map<String, String> row = new LinkedHashMap<>();
        field.columns().forEach(c -> row.put(c.key(), c.defaultValue() == null ? "" : c.defaultValue()));
        return row;
    }

    public ConfigField getField() {
        return field;
    }

    public String getKey() {
        return field.key();
    }

    public String getType() {
        return field.type().name();
    }

    /** @return the choices to offer: fixed ones, or the vendor account's (may be empty before the first save) */
    public List<Choice> getOptions() {
        return options;
    }

    /** @return true for a choice field without options to offer yet: it is rendered as a text box */
    public boolean isFreeChoice() {
        return field.type() == FieldType.CHOICE && options.isEmpty();
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        if (field.type() == FieldType.SECRET && (text == null || text.isBlank())) {
            // The password box is never filled back in: an empty one on a later submit (e.g. "Add row") keeps what
            // was typed earlier in this form, held only on the server until it is saved.
            return;
        }
        this.text = text;
    }

    /** @return true when a secret was typed in this form and is not saved yet */
    public boolean isSecretPending() {
        return field.type() == FieldType.SECRET && text != null && !text.isBlank();
    }

    public boolean isChecked() {
        return checked;
    }

    public void setChecked(boolean checked) {
        this.checked = checked;
    }

    public List<String> getSelected() {
        return selected;
    }

    public void setSelected(List<String> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public List<Map<String, String>> getRows() {
        return rows;
    }

    public boolean isSecretSet() {
        return secretSet;
    }

    void setSecretSet(boolean secretSet) {
        this.secretSet = secretSet;
    }

    public boolean isClearSecret() {
        return clearSecret;
    }

    public void setClearSecret(boolean clearSecret) {
        this.clearSecret = clearSecret;
    }
}
