/**
 * Above the waterfall when the SDK traced its own uploads to Lookout: how many, folded away by
 * default, and a toggle that shows them (labelled "SDK upload to Lookout").
 */
export function UploadSpansNote({ count, shown, onToggle }: { count: number; shown: boolean; onToggle: () => void }) {
  if (count === 0) return null;
  return (
    <div className="notice small" data-testid="sdk-upload-note">
      {count.toLocaleString()} span{count === 1 ? ' is' : 's are'} the SDK's own upload{count === 1 ? '' : 's'} to Lookout
      (its requests to <code className="mono">/api/…/store/</code> or <code className="mono">/envelope/</code>), {shown ? 'shown' : 'hidden'} in the waterfall.{' '}
      <button type="button" className="link-btn" onClick={onToggle} aria-pressed={shown} data-testid="sdk-upload-toggle">
        {shown ? 'Hide them' : 'Show them'}
      </button>
    </div>
  );
}
