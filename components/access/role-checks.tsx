import { PERMISSIONS, type Permission, type Role } from "@/lib/auth/permissions";

/** What a role may do, in words, from the one permission table. */
export function grantsOf(role: Role): string[] {
  return (Object.entries(PERMISSIONS) as [Permission, (typeof PERMISSIONS)[Permission]][])
    .filter(([, rule]) => (rule.roles as readonly string[]).includes(role))
    .map(([, rule]) => rule.description);
}

/** A set of checkboxes for choosing from a fixed list (roles, scopes), with a hint per choice and one error for the set. */
export function ChoiceChecks<T extends string>({
  legend,
  choices,
  value,
  onChange,
  hint,
  error,
}: {
  legend: string;
  choices: readonly T[];
  value: T[];
  onChange: (next: T[]) => void;
  hint?: (choice: T) => string;
  error?: string;
}) {
  return (
    <fieldset aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">{legend}</legend>
      <div className="space-y-1">
        {choices.map((choice) => (
          <label key={choice} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              checked={value.includes(choice)}
              onChange={(e) => onChange(e.target.checked ? [...value, choice] : value.filter((v) => v !== choice))}
            />
            <span>
              <span className="font-medium">{choice}</span>
              {hint && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{hint(choice)}</span>}
            </span>
          </label>
        ))}
      </div>
      {error && <p className="mt-1 text-xs text-red-700 dark:text-red-300">{error}</p>}
    </fieldset>
  );
}
