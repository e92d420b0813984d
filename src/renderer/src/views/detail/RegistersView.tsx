import { useMemo, useState } from 'react';
import { cpuArch, numericOf, registersOf } from '../../lib/registers';
import { useStore } from '../../store';

/** The crashed CPU's architecture as the device context names it (`arm64-v8a`, `x86_64`), which sets the registers' width. */
function useDeviceArch(): string | null {
  const arch = useStore((st) => (st.event?.payload.contexts as { device?: { arch?: unknown } } | undefined)?.device?.arch);
  return cpuArch(arch);
}

/**
 * A native stack's registers under its frames, as Sentry shows them: in the CPU's order, in hex at
 * the CPU's width (16 digits on x86-64 and ARM64, even for small values), a toggle shows them in decimal.
 * Nothing when the stack has none.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/events/interfaces/frame/frameRegisters/index.tsx
 */
export function RegistersView({ stacktrace }: { stacktrace: unknown }) {
  const arch = useDeviceArch();
  const registers = useMemo(() => registersOf(stacktrace, arch), [stacktrace, arch]);
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
