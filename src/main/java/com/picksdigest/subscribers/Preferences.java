package com.picksdigest.subscribers;

import com.picksdigest.common.Fields;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.i18n.Languages;
import com.picksdigest.picks.Categories;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A subscriber's preferences after validation: every field checked and defaulted exactly as
 * {@link SubscriberService#add} does, so a form can never store what an import would refuse.
 *
 * @param weekday 1 (Monday) to 7 (Sunday) for weekly digests, null for daily ones
 * @param locale  null when the input had none (an update then keeps the stored locale)
 * @param follows category ids; empty means "all categories"
 */
public record Preferences(
        String name,
        String timezone,
        int sendHour,
        Frequency frequency,
        Integer weekday,
        DigestFormat format,
        String locale,
        Set<Integer> follows) {

    /**
     * Checks every field and throws {@link InvalidFields} naming each bad one (name, timezone, hour, frequency,
     * weekday, format, locale, categories), each with a sentence fit for the user; with one bad field the message is
     * that field's sentence.
     */
    public static Preferences validate(SubscriberInput in, Categories categories, Languages languages) {
        InvalidFields.Collector c = new InvalidFields.Collector();
        String name = c.check("name", () -> Fields.line("Name", in.name(), 200, false));
        String tz = c.check("timezone", () -> SubscriberService.timezone(in.timezone()));
        int hour = in.sendHour() == null ? 8 : in.sendHour();
        if (hour < 0 || hour > 23) c.add("hour", "Send hour must be from 0 to 23, not " + hour + ".");
        Frequency frequency =
                in.frequency() == null || in.frequency().isBlank() ? Frequency.DAILY : Frequency.parse(in.frequency());
        if (frequency == null) {
            c.add("frequency", "Frequency must be daily or weekly, not \"" + clip(in.frequency()) + "\".");
        }
        Integer weekday = in.weekday();
        if (frequency == Frequency.WEEKLY) {
            if (weekday == null) weekday = 1;
            if (weekday < 1 || weekday > 7) c.add("weekday", "Weekday must be from 1 (Monday) to 7 (Sunday).");
        } else {
            weekday = null;
        }
        DigestFormat format =
                in.format() == null || in.format().isBlank() ? DigestFormat.HTML : DigestFormat.parse(in.format());
        if (format == null) {
            c.add("format", "Format must be html or text, not \"" + clip(in.format()) + "\".");
        }
        String locale = c.check(
                "locale", () -> in.locale() == null || in.locale().isBlank() ? null : languages.parse(in.locale()));
        Set<Integer> follows = new LinkedHashSet<>();
        List<String> wanted = in.categories() == null ? List.of() : in.categories();
        if (wanted.size() > 1000) c.add("categories", "Too many categories.");
        else {
            for (String cat : wanted) {
                if (cat == null || cat.isBlank()) continue;
                if (cat.length() > 100) {
                    c.add("categories", "Unknown category \"" + clip(cat) + "\".");
                    continue;
                }
                Integer id = c.check(
                        "categories", () -> categories.require(cat.strip()).getId());
                if (id != null) follows.add(id);
            }
        }
        c.throwIfAny();
        return new Preferences(name, tz, hour, frequency, weekday, format, locale, Set.copyOf(follows));
    }

    /** One line for the events table, e.g. "weekly on day 1 at 8:00 Europe/Paris, html, categories 3,5". */
    String summary() {
        String when = frequency == Frequency.WEEKLY ? "weekly on day " + weekday : "daily";
        String cats = follows.isEmpty()
                ? "all categories"
                : "categories "
                        + String.join(
                                ",",
                                follows.stream().sorted().map(String::valueOf).toList());
        String s = when + " at " + sendHour + ":00 " + timezone + ", " + format + ", " + cats;
        return s.length() > 1000 ? s.substring(0, 997) + "..." : s;
    }

    private static String clip(String v) {
        String p = v == null ? "" : v.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 40 ? p.substring(0, 37) + "..." : p;
    }
}
