package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.queue.Job;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJobStoreTest implements JobStoreContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }

    /** What lets several nodes share one queue: a job another node holds is skipped, not waited for. */
    @Test
    void claimSkipsJobsLockedByAnotherTransaction() throws Exception {
        String account = Fixtures.sid("AC");
        Job lockedElsewhere = Fixtures.job(account, T0.minusSeconds(2));
        Job free = Fixtures.job(account, T0.minusSeconds(1));
        storage().writeVoid(tx -> {
            tx.jobs().enqueue(lockedElsewhere);
            tx.jobs().enqueue(free);
        });
        try (Connection otherNode = DriverManager.getConnection(db.url())) {
            otherNode.setAutoCommit(false);
            try (PreparedStatement lock = otherNode.prepareStatement("SELECT id FROM jobs WHERE id = ? FOR UPDATE")) {
                lock.setString(1, lockedElsewhere.id());
                lock.executeQuery().close();
            }

            List<Job> claimed = storage().write(tx -> tx.jobs().claim(T0, T0.plusSeconds(60), 10));

            assertThat(claimed).extracting(Job::id).containsExactly(free.id());
            otherNode.rollback();
        }
        List<Job> rest = storage().write(tx -> tx.jobs().claim(T0, T0.plusSeconds(60), 10));
        assertThat(rest).extracting(Job::id).containsExactly(lockedElsewhere.id());
    }
}
