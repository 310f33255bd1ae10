package io.gridflex.support.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class TransientDatabaseFailureTest {

    @Test
    void connectionExceptionsAreTransient() {
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("connection has been closed", "08003")))
                .isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("I/O error", "08006"))).isTrue();
    }

    @Test
    void anAdministratorShuttingTheServerDownIsTransient() {
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("crash shutdown", "57P02"))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("starting up", "57P03"))).isTrue();
    }

    @Test
    void aPoolThatFoundNoConnectionInTimeIsTransient() {
        assertThat(TransientDatabaseFailure.isTransient(
                new SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("timed out", new TimeoutException())))
                .isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLTransientConnectionException("no connection")))
                .isTrue();
    }

    @Test
    void theFailureIsFoundAnywhereInTheCauseChain() {
        RuntimeException wrapped = new IllegalStateException("store failed",
                new DataAccessException(new SQLException("Connection refused", "08001")));
        assertThat(TransientDatabaseFailure.isTransient(wrapped)).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new RuntimeException(new ConnectException("refused"))))
                .isTrue();
        SQLException batch = new SQLException("batch aborted", "22001");
        batch.setNextException(new SQLException("connection lost", "08006"));
        assertThat(TransientDatabaseFailure.isTransient(batch)).isTrue();
    }

    @Test
    void whatTheDatabaseRefusesIsNotTransient() {
        assertThat(TransientDatabaseFailure.isTransient(new DataAccessException(
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(
                new SQLIntegrityConstraintViolationException("check violated", "23514"))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("value too long", "22001"))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("serialization failure", "40001")))
                .isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("no state"))).isFalse();
    }

    @Test
    void bugsAreNotTransient() {
        assertThat(TransientDatabaseFailure.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(null)).isFalse();
    }
}
