package dev.strata.domain.operations;

import dev.strata.domain.operations.port.AdminAuditLog;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** In-memory fake of {@link AdminAuditLog}: one list per tenant, ids from one counter (like an identity column). */
public class InMemoryAdminAuditLog implements AdminAuditLog {
    private final Map<TenantId, List<AdminAuditRecord>> records = new HashMap<>();
    private long lastId;

    @Override
    public synchronized AdminAuditRecord append(AdminAuditEntry entry) {
        TenantId tenant = TenantContext.require();
        AdminAuditRecord record = new AdminAuditRecord(++lastId, entry);
        records.computeIfAbsent(tenant, t -> new ArrayList<>()).add(record);
        return record;
    }

    @Override
    public synchronized List<AdminAuditRecord> readNewestFirst(OptionalLong beforeId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<AdminAuditRecord> mine = records.getOrDefault(TenantContext.require(), List.of());
        List<AdminAuditRecord> page = new ArrayList<>();
        for (int i = mine.size() - 1; i >= 0 && page.size() < limit; i--) {
            AdminAuditRecord record = mine.get(i);
            if (beforeId.isEmpty() || record.id() < beforeId.getAsLong()) {
                page.add(record);
            }
        }
        return page;
    }
}
