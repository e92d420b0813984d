/** The frame label logic is shared with the bug reports: `shared/mapped-file-label.ts`. */
export { mappedFileLabel } from '../../../../shared/mapped-file-label';
