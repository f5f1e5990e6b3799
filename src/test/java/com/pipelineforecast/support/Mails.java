package com.pipelineforecast.support;

import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reading back the mails an in-JVM SMTP server received: by recipient, their text parts and attachments. */
public final class Mails {

    private Mails() {
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
