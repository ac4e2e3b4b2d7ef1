package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TestServiceChoiceTest {

    @Test
    void anExplicitPropertyWinsAndDockerIsNotAsked() {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier docker = () -> {
            asked.incrementAndGet();
            return true;
        };
        assertEquals(TestServiceChoice.PROPERTY, TestServiceChoice.of("redis://127.0.0.1:6416", docker));
        assertEquals(0, asked.get(), "no Docker probe when the property settles it");
    }

    @Test
    void withoutAPropertyADockerEngineMeansTestcontainers() {
        assertEquals(TestServiceChoice.TESTCONTAINERS, TestServiceChoice.of(null, () -> true));
    }

    @Test
    void withoutAPropertyOrDockerTheLocalServicesAreUsed() {
        assertEquals(TestServiceChoice.LOCAL, TestServiceChoice.of(null, () -> false));
    }

    @Test
    void aBlankPropertyCountsAsUnset() {
        // the build passes empty values when nothing was given on the command line
        assertEquals(TestServiceChoice.LOCAL, TestServiceChoice.of("", () -> false));
        assertEquals(TestServiceChoice.TESTCONTAINERS, TestServiceChoice.of("  ", () -> true));
    }

    @Test
    void aProbeThatFailsMeansNoDocker() {
        assertFalse(TestServices.probeDocker(() -> {
            throw new IllegalStateException("no socket");
        }));
        assertTrue(TestServices.probeDocker(() -> true));
    }

    @Test
    void roleDefaultsFollowTheLocalSetUpUnlessGiven() {
        assertEquals("fallback", TestServices.property("strata.test.no-such-property", "fallback"));
        System.setProperty("strata.test.blank-property", " ");
        try {
            assertEquals("fallback", TestServices.property("strata.test.blank-property", "fallback"));
        } finally {
            System.clearProperty("strata.test.blank-property");
        }
    }

    @Test
    void theContainerGetsTheTwoRolesOfTheLocalSetUp() {
        String sql = TestServices.provisioningSql();
        assertTrue(sql.contains("create role \"strata_owner\" login password 'strata_owner' nosuperuser nobypassrls"), sql);
        assertTrue(sql.contains("create role \"strata\" login password 'strata' nosuperuser nobypassrls"), sql);
        assertTrue(sql.contains("alter database \"strata\" owner to \"strata_owner\""), sql);
        assertTrue(sql.contains("create extension if not exists vector"), sql);
    }
}
