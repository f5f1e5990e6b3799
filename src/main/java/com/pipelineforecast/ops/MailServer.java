package com.pipelineforecast.ops;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The SMTP server the report and failure mails go through: the one {@code spring.mail.host} (or
 * {@code spring.mail.jndi-name}) names in the night's own properties. Asked of those properties, not of whether
 * a mail sender bean exists: the application context the build works out ahead of time (Spring AOT, which the
 * launcher folder starts from) defines the sender whatever the night's properties say.
 */
@Component
public class MailServer {

    private final Environment environment;
    private final ObjectProvider<JavaMailSender> sender;

    public MailServer(Environment environment, ObjectProvider<JavaMailSender> sender) {
        this.environment = environment;
        this.sender = sender;
    }

    /** The mail sender, when a server is configured. */
    public Optional<JavaMailSender> sender() {
        if (!named("spring.mail.host") && !named("spring.mail.jndi-name")) {
            return Optional.empty();
        }
        return Optional.ofNullable(sender.getIfAvailable());
    }

    private boolean named(String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }
}
