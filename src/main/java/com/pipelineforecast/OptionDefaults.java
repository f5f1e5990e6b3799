package com.pipelineforecast;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

import com.pipelineforecast.job.PipelineProperties;
import com.pipelineforecast.ops.OperationsOptions;
import com.pipelineforecast.report.ReportLimits;

/**
 * The default of every option, read from the {@code @DefaultValue} of the properties record that binds it: the one
 * place a default is written. {@code --help} shows them and a test holds the README's option table to them.
 */
public final class OptionDefaults {

    private OptionDefaults() {
    }

    /** Option name ({@code chunk-size}) to its default ({@code 1000}), for every option that has one. */
    public static Map<String, String> all() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Class<?> options : new Class<?>[] {PipelineProperties.class, ReportLimits.class,
            OperationsOptions.class}) {
            defaults.putAll(of(options));
        }
        return defaults;
    }

    static Map<String, String> of(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Constructor<?> canonical;
        try {
            canonical = record.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record + " has no canonical constructor", e);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Parameter[] parameters = canonical.getParameters();
        for (int i = 0; i < components.length; i++) {
            DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
            if (value != null && value.value().length > 0) {
                defaults.put(kebab(components[i].getName()), String.join(",", value.value()));
            }
        }
        return defaults;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
