/** The slice of dcmjs (no bundled types) that the DICOM Segmentation round-trip test reads with. */
declare module "dcmjs" {
  const dcmjs: {
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer): { dict: Record<string, unknown> } };
      DicomMetaDictionary: { naturalizeDataset(dict: Record<string, unknown>): Record<string, any> };
      BitArray: { unpack(packed: Uint8Array): Uint8Array };
    };
  };
  export default dcmjs;
}
