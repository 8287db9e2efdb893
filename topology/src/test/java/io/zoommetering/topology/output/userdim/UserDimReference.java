package io.zoommetering.topology.output.userdim;

import io.zoommetering.avro.gold.dim.UserDimKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.dim.user the obvious way: each user's accepted profiles replayed in processing order, keeping the list of
 * versions. A profile older than the last version changes nothing; one at the last version's valid_from replaces
 * its attributes (a tie goes to the later processed state); a newer one with other tracked attributes closes the
 * last version and appends one.
 */
public final class UserDimReference implements OutputReference {

    /** One version of a user, as the row shows it. */
    private static final class Version {
        final Instant validFrom;
        User profile;
        Instant validTo;

        Version(User profile) {
            this.validFrom = profile.getEventTime();
            this.profile = profile;
        }
    }

    @Override
    public String topic() {
        return "gold.dim.user";
    }

    @Override
    public Map<UserDimKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, List<Version>> versions = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof User profile) {
                apply(versions.computeIfAbsent(profile.getUserId(), id -> new ArrayList<>()), profile);
            }
        }
        Map<UserDimKey, Map<String, Object>> table = new LinkedHashMap<>();
        versions.forEach((userId, list) -> {
            for (Version version : list) {
                table.put(new UserDimKey(userId, version.validFrom), row(version));
            }
        });
        return table;
    }

    private static void apply(List<Version> versions, User profile) {
        if (versions.isEmpty()) {
            versions.add(new Version(profile));
            return;
        }
        Version last = versions.get(versions.size() - 1);
        if (profile.getEventTime().isBefore(last.validFrom) || sameTracked(last.profile, profile)) {
            return;
        }
        if (profile.getEventTime().equals(last.validFrom)) {
            last.profile = profile;
        } else {
            last.validTo = profile.getEventTime();
            versions.add(new Version(profile));
        }
    }

    private static boolean sameTracked(User a, User b) {
        return tracked(a).equals(tracked(b));
    }

    private static List<Object> tracked(User user) {
        return Arrays.asList(
                user.getUserName(),
                user.getEmail(),
                user.getCompany(),
                user.getPlanType(),
                user.getUserStatus(),
                user.getLocation());
    }

    private static Map<String, Object> row(Version version) {
        // HashMap, not Map.of: valid_to is null while the version is current.
        Map<String, Object> row = new HashMap<>();
        row.put("user_id", version.profile.getUserId());
        row.put("user_name", version.profile.getUserName());
        row.put("email", version.profile.getEmail());
        row.put("company", version.profile.getCompany());
        row.put("plan_type", version.profile.getPlanType().name());
        row.put("user_status", version.profile.getUserStatus().name());
        row.put("location", version.profile.getLocation());
        row.put("valid_from", version.validFrom);
        row.put("valid_to", version.validTo);
        row.put("is_current", version.validTo == null);
        return row;
    }
}
