package io.zoommetering.topology.output.webinarusagefact;

import io.zoommetering.avro.gold.fact.WebinarUsageFact;
import io.zoommetering.avro.gold.fact.WebinarUsageFactKey;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.EntityRows;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;

/**
 * Rewrites a webinar's row from each record that is not older (by event_time) than the one written: webinars are
 * an event stream, not routed as upserts, so "the latest record" is judged here, on the host's task.
 */
final class WebinarUsageFactLedger implements Ledger {

    private final EntityRows<WebinarUsageFactKey, WebinarUsageFact> rows;

    WebinarUsageFactLedger(LedgerContext context) {
        this.rows = new EntityRows<>(context, WebinarUsageFactOutput.INSTANCE, WebinarUsageFactOutput.ROWS);
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof Webinar webinar)) {
            return;
        }
        WebinarUsageFact row = new WebinarUsageFact(
                webinar.getWebinarTopic(),
                webinar.getStartTime(),
                webinar.getEndTime(),
                webinar.getRegistrants(),
                // Lineage: EntityRows sets it when it writes the row.
                null,
                null,
                null);
        rows.upsert(
                webinar.getWebinarId(),
                webinar.getEventTime().toEpochMilli(),
                new WebinarUsageFactKey(webinar.getWebinarId()),
                row);
    }
}
