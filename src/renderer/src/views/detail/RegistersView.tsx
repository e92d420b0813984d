import { useMemo, useState } from 'react';
import { numericOf, registersOf } from '../../lib/registers';

/**
 * A native stack's registers under its frames, as Sentry shows them: in the CPU's order, in hex
 * (a toggle shows them in decimal). Nothing when the stack has none.
 */
export function RegistersView({ stacktrace }: { stacktrace: unknown }) {
  const registers = useMemo(() => registersOf(stacktrace), [stacktrace]);
  const [numeric, setNumeric] = useState(false);
  if (!registers) return null;
  return (
    <div className="registers" data-testid="registers">
      <div className="registers-head">
        <span className="small muted">Registers</span>
        <button type="button" className="btn btn-small" aria-pressed={numeric} onClick={() => setNumeric(!numeric)} data-testid="registers-numeric">
          {numeric ? 'Hexadecimal' : 'Numeric'}
        </button>
      </div>
      <dl className="registers-grid mono small">
        {registers.map((r) => (
          <div key={r.name} data-testid="register">
            <dt>{r.name}</dt>
            <dd>{numeric ? numericOf(r) : r.hex ?? r.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
