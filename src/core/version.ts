/** Lookout's version, shown in the UI and written into exported reports. */
export const VERSION = '0.1.0';
