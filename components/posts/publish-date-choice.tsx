import { Field } from "@/components/ui/field";
import { readPublishDate } from "@/lib/posts/schema";

/**
 * "Which 01:30?": shown under the publish date only while its wall time happens twice in the site's time zone (the
 * night the clocks go back), so the editor picks the instant instead of the server guessing. Rendered on the server
 * too, so it works without JavaScript after the save that found the ambiguity.
 */
export function PublishDateChoice({ value, timeZone }: { value: string; timeZone: string }) {
  const reading = value.trim() ? readPublishDate(value.trim(), timeZone) : null;
  const offsets = reading && "offsets" in reading ? reading.offsets : undefined;
  if (!offsets) return null;
  return (
    <Field label={`Which ${value.trim().slice(-5)}?`} name="publishedAtOffset" hint={`The clocks in ${timeZone} pass this time twice.`}>
      {(props) => (
        <select className="input" {...props} defaultValue="">
          <option value="" disabled>
            Choose one
          </option>
          {offsets.map((choice) => (
            <option key={choice.offset} value={choice.offset}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
