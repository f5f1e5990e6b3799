package com.pipelineforecast.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** Reading back the mails an in-JVM SMTP server received: by recipient, their text parts and attachments. */
public final class Mails {

    private Mails() {
    }

    /** A loopback port nothing listens on (yet). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A real SMTP server in the test JVM on a free loopback port. */
    public static GreenMail startSmtp() {
        try (ServerSocket socket = new ServerSocket(0)) {
            GreenMail smtp = new GreenMail(new ServerSetup(socket.getLocalPort(), "127.0.0.1",
                    ServerSetup.PROTOCOL_SMTP));
            socket.close();
            smtp.start();
            return smtp;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mails of one run date (their subject names it) that the server received. */
    public static List<MimeMessage> received(GreenMail smtp, String runDate) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (message.getSubject().contains(" " + runDate)) {
                    mails.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    public static MimeMessage to(List<MimeMessage> mails, String address) throws Exception {
        for (MimeMessage mail : mails) {
            if (mail.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
                return mail;
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    public static byte[] attachment(Part part, String name) throws Exception {
        if (name.equals(part.getFileName())) {
            return part.getInputStream().readAllBytes();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                byte[] found = attachment(multipart.getBodyPart(i), name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type) && part.getFileName() == null) {
            return ((String) part.getContent()).replace("\r\n", "\n");
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
