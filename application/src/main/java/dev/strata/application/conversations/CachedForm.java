package dev.strata.application.conversations;

import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.conversations.MessageId;
import dev.strata.domain.conversations.Role;
import dev.strata.domain.shared.UserId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The form in which conversations and messages sit in the cache: a compact binary encoding (versioned), carried as
 * one JSON string of its Base64 text, since cache values are JSON documents. Anything that does not decode is
 * treated as a miss by the caller.
 */
final class CachedForm {
    private static final byte VERSION = 1;

    private CachedForm() {
    }

    static byte[] conversations(List<Conversation> conversations) {
        return encode(out -> {
            out.writeInt(conversations.size());
            for (Conversation conversation : conversations) {
                uuid(out, conversation.id().value());
                text(out, conversation.owner().value());
                text(out, conversation.title());
                instant(out, conversation.createdAt());
                instant(out, conversation.lastActivityAt());
            }
        });
    }

    static List<Conversation> conversations(byte[] json) {
        return decode(json, in -> {
            int size = in.readInt();
            List<Conversation> conversations = new ArrayList<>(Math.min(size, 1000));
            for (int i = 0; i < size; i++) {
                conversations.add(new Conversation(new ConversationId(uuid(in)), new UserId(text(in)), text(in),
                        instant(in), instant(in)));
            }
            return conversations;
        });
    }

    static byte[] messages(List<Message> messages) {
        return encode(out -> {
            out.writeInt(messages.size());
            for (Message message : messages) {
                uuid(out, message.id().value());
                uuid(out, message.conversationId().value());
                out.writeLong(message.sequence());
                text(out, message.role().wire());
                text(out, message.content());
                bytes(out, message.metadata());
                instant(out, message.createdAt());
                out.writeBoolean(message.clientMessageId().isPresent());
                if (message.clientMessageId().isPresent()) {
                    text(out, message.clientMessageId().get());
                }
            }
        });
    }

    static List<Message> messages(byte[] json) {
        return decode(json, in -> {
            int size = in.readInt();
            List<Message> messages = new ArrayList<>(Math.min(size, 1000));
            for (int i = 0; i < size; i++) {
                MessageId id = new MessageId(uuid(in));
                ConversationId conversation = new ConversationId(uuid(in));
                long sequence = in.readLong();
                Role role = Role.fromWire("role", text(in));
                String content = text(in);
                byte[] metadata = bytes(in);
                Instant createdAt = instant(in);
                Optional<String> clientMessageId = in.readBoolean() ? Optional.of(text(in)) : Optional.empty();
                messages.add(new Message(id, conversation, sequence, role, content, metadata, createdAt, clientMessageId));
            }
            return messages;
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] encode(Writer writer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ("\"" + Base64.getEncoder().encodeToString(buffer.toByteArray()) + "\"").getBytes(StandardCharsets.US_ASCII);
    }

    /** The decoded value; throws {@link IllegalArgumentException} for anything that is not this form. */
    private static <T> T decode(byte[] json, Reader<T> reader) {
        if (json.length < 2 || json[0] != '"' || json[json.length - 1] != '"') {
            throw new IllegalArgumentException("not a cached conversation value");
        }
        byte[] binary = Base64.getDecoder().decode(new String(json, 1, json.length - 2, StandardCharsets.US_ASCII));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(binary))) {
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("unknown version of a cached conversation value");
            }
            T value = reader.read(in);
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes in a cached conversation value");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated cached conversation value", e);
        }
    }

    private static void uuid(DataOutputStream out, UUID uuid) throws IOException {
        out.writeLong(uuid.getMostSignificantBits());
        out.writeLong(uuid.getLeastSignificantBits());
    }

    private static UUID uuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        bytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length");
        }
        return in.readNBytes(length);
    }

    private static void instant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
