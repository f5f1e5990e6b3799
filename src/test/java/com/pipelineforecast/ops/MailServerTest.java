package com.pipelineforecast.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.env.MockEnvironment;

/**
 * Whether mail goes out is the night's spring.mail.host, not the sender bean: the application context the build
 * works out ahead of time (the launcher's) defines that bean whatever the night's properties say.
 */
class MailServerTest {

    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("mailSender", sender));

    @Test
    void aSenderBeanWithoutAHostSendsNothing() {
        MailServer server = new MailServer(new MockEnvironment(), beans.getBeanProvider(JavaMailSender.class));
        assertThat(server.sender()).isEmpty();
        MailServer blank = new MailServer(new MockEnvironment().withProperty("spring.mail.host", " "),
                beans.getBeanProvider(JavaMailSender.class));
        assertThat(blank.sender()).isEmpty();
    }

    @Test
    void aHostOrAJndiNameWithTheSenderBeanSends() {
        MailServer server = new MailServer(new MockEnvironment().withProperty("spring.mail.host", "smtp.example.com"),
                beans.getBeanProvider(JavaMailSender.class));
        assertThat(server.sender()).containsSame(sender);
        MailServer jndi = new MailServer(new MockEnvironment().withProperty("spring.mail.jndi-name", "mail/Session"),
                beans.getBeanProvider(JavaMailSender.class));
        assertThat(jndi.sender()).containsSame(sender);
        MailServer noBean = new MailServer(new MockEnvironment().withProperty("spring.mail.host", "smtp.example.com"),
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class));
        assertThat(noBean.sender()).isEmpty();
    }
}
