/**
 * Names Sentry's issue page gives the known keys of the known contexts ("Kernel Version" for
 * `os.kernel_version`); a key no spec names (a custom context's) stays as sent.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/contexts/
 */
const LABELS: Record<string, Record<string, string>> = {
  device: {
    name: 'Name', family: 'Family', model: 'Model', model_id: 'Model ID', arch: 'Architecture', battery_level: 'Battery Level',
    battery_status: 'Battery Status', orientation: 'Orientation', manufacturer: 'Manufacturer', brand: 'Brand',
    screen_resolution: 'Screen Resolution', screen_height_pixels: 'Screen Height', screen_width_pixels: 'Screen Width',
    screen_density: 'Screen Density', screen_dpi: 'Screen DPI', online: 'Online', charging: 'Charging', low_memory: 'Low Memory',
    simulator: 'Simulator', memory_size: 'Memory Size', free_memory: 'Free Memory', usable_memory: 'Usable Memory',
    storage_size: 'Storage Size', free_storage: 'Free Storage', external_storage_size: 'External Storage Size',
    external_free_storage: 'External Free Storage', boot_time: 'Boot Time', timezone: 'Timezone', processor_count: 'Processor Count',
    cpu_description: 'CPU Description', processor_frequency: 'Processor Frequency', device_type: 'Device Type',
    device_unique_identifier: 'Device Unique Identifier', locale: 'Locale', thermal_state: 'Thermal State',
  },
  os: { name: 'Name', version: 'Version', build: 'Build', kernel_version: 'Kernel Version', rooted: 'Rooted', theme: 'Theme',
    raw_description: 'Raw Description', distribution_name: 'Distribution', distribution_version: 'Distribution Version',
    distribution_pretty_name: 'Distribution Name' },
  app: { app_start_time: 'Start Time', device_app_hash: 'Device App Hash', build_type: 'Build Type', app_identifier: 'ID',
    app_name: 'Name', app_version: 'Version', app_build: 'Build', app_memory: 'Memory', in_foreground: 'In Foreground',
    view_names: 'View Names', permissions: 'Permissions', start_type: 'Start Type' },
  runtime: { name: 'Name', version: 'Version', build: 'Build', raw_description: 'Raw Description' },
  browser: { name: 'Name', version: 'Version' },
  gpu: { name: 'Name', id: 'GPU ID', vendor_id: 'Vendor ID', vendor_name: 'Vendor Name', memory_size: 'Memory', api_type: 'API Type',
    multi_threaded_rendering: 'Multi-Threaded Rendering', version: 'Version', npot_support: 'NPOT Support',
    max_texture_size: 'Max Texture Size', graphics_shader_level: 'Graphics Shader Level', supports_ray_tracing: 'Ray Tracing Support' },
  culture: { calendar: 'Calendar', display_name: 'Display Name', locale: 'Locale', is_24_hour_format: 'Uses 24h Format', timezone: 'Timezone' },
  trace: { trace_id: 'Trace ID', span_id: 'Span ID', parent_span_id: 'Parent Span ID', op: 'Operation', status: 'Status',
    origin: 'Origin', data: 'Data', description: 'Description' },
  response: { status_code: 'Status Code', headers: 'Headers', cookies: 'Cookies', body_size: 'Body Size', data: 'Data' },
  replay: { replay_id: 'Replay ID' },
  profile: { profile_id: 'Profile ID', profiler_id: 'Profiler ID' },
  cloud_resource: { 'cloud.provider': 'Provider', 'cloud.account.id': 'Account ID', 'cloud.region': 'Region',
    'cloud.availability_zone': 'Availability Zone', 'cloud.platform': 'Platform', 'host.id': 'Host ID', 'host.type': 'Host Type' },
};

/** The name shown for `key` in the context named `context` (its key in `contexts`, or its `type`), or the key itself. */
export function contextKeyLabel(context: string, type: unknown, key: string): string {
  const known = LABELS[context] ?? (typeof type === 'string' ? LABELS[type] : undefined);
  return (known && Object.hasOwn(known, key) ? known[key] : undefined) ?? key;
}
