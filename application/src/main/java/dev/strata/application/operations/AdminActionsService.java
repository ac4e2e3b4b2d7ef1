package dev.strata.application.operations;

import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.application.cache.port.InvalidateCacheNamespaceUseCase;
import dev.strata.application.cache.port.InvalidateCacheUseCase;
import dev.strata.application.operations.port.InvalidateCacheAsAdminCommand;
import dev.strata.application.operations.port.InvalidateCacheAsAdminUseCase;
import dev.strata.application.operations.port.ListAdminAuditQuery;
import dev.strata.application.operations.port.ListAdminAuditUseCase;
import dev.strata.application.operations.port.RecordAdminActionCommand;
import dev.strata.application.operations.port.RecordAdminActionUseCase;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.operations.AdminAction;
import dev.strata.domain.operations.AdminAuditEntry;
import dev.strata.domain.operations.AdminAuditRecord;
import dev.strata.domain.operations.port.AdminAuditLog;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.DomainException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.StoreUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Service: the dashboard's actions and their audit. An action runs first, then its outcome — success with
 * what it did, or failure with the error's code — is appended to the admin audit log; a failed action is
 * recorded and its error rethrown. If the log itself cannot be written the caller sees that error (the
 * action may have happened: it is idempotent, so repeating it once the log is back records it).
 */
public final class AdminActionsService implements InvalidateCacheAsAdminUseCase, RecordAdminActionUseCase,
        ListAdminAuditUseCase {
    private final InvalidateCacheUseCase invalidate;
    private final InvalidateCacheNamespaceUseCase invalidateNamespace;
    private final AdminAuditLog log;
    private final Clock clock;

    public AdminActionsService(InvalidateCacheUseCase invalidate, InvalidateCacheNamespaceUseCase invalidateNamespace,
                               AdminAuditLog log, Clock clock) {
        this.invalidate = invalidate;
        this.invalidateNamespace = invalidateNamespace;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public long invalidate(InvalidateCacheAsAdminCommand command) {
        AdminAction action = command.tag().isPresent() ? AdminAction.CACHE_INVALIDATE_TAG : AdminAction.CACHE_INVALIDATE_NAMESPACE;
        long removed;
        try {
            removed = command.tag()
                    .map(tag -> invalidate.invalidate(new InvalidateCacheCommand(command.namespace(), Set.of(), Set.of(tag),
                            Optional.empty())))
                    .orElseGet(() -> invalidateNamespace.invalidateNamespace(command.namespace()));
        } catch (RuntimeException e) {
            record(new RecordAdminActionCommand(command.actor(), action, command.target(), false, failure(e)));
            throw e;
        }
        record(new RecordAdminActionCommand(command.actor(), action, command.target(), true, "invalidated " + removed));
        return removed;
    }

    @Override
    public AdminAuditRecord record(RecordAdminActionCommand command) {
        return log.append(new AdminAuditEntry(command.actor(), command.action(), command.target(), command.succeeded(),
                command.detail(), clock.now()));
    }

    @Override
    public Page<AdminAuditRecord> list(ListAdminAuditQuery query) {
        PageRequest page = query.page();
        OptionalLong before = page.position().map(AdminActionsService::cursorId)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        // one more than asked tells whether a next page exists
        List<AdminAuditRecord> records = log.readNewestFirst(before, page.limit() + 1);
        if (records.size() <= page.limit()) {
            return new Page<>(records, Optional.empty());
        }
        List<AdminAuditRecord> items = records.subList(0, page.limit());
        return new Page<>(items, Optional.of(PageRequest.encode(Long.toString(items.get(items.size() - 1).id()))));
    }

    private static long cursorId(String position) {
        try {
            long id = Long.parseLong(position);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "cursor is not valid");
        }
    }

    /** A failure as the log keeps it: the stable code of a broken rule, else the kind of fault (never a message). */
    private static String failure(RuntimeException e) {
        if (e instanceof DomainException domain) {
            return domain.code();
        }
        return e instanceof StoreUnavailableException store ? store.store() + " unavailable" : e.getClass().getSimpleName();
    }
}
