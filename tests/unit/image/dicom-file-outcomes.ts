/**
 * What each file of ../shared/data/dicom must give (documented in docs/dicom-input.md):
 * "decoded", or the CoreError code of the clean refusal. Shared by the unit and worker suites.
 */
export const DICOM_FILE_OUTCOMES: Record<string, string> = {
  "CT_small.dcm": "decoded",
  "MR_small.dcm": "decoded",
  "MR_small_implicit.dcm": "decoded",
  "MR_small_bigendian.dcm": "decoded",
  "MR_small_RLE.dcm": "decoded",
  "MR_small_jpeg_ls_lossless.dcm": "decoded",
  "MR_small_jp2klossless.dcm": "decoded",
  "JPEG2000.dcm": "decoded",
  "JPGExtended.dcm": "decoded",
  "JPEG-lossy.dcm": "decoded",
  "image_dfl.dcm": "decoded",
  "MR_truncated.dcm": "corrupt-image",
  "rtdose.dcm": "decoded",
  "SC_rgb_rle.dcm": "decoded",
  "SC_rgb_jpeg_dcmtk.dcm": "decoded",
};
