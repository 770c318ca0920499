// Types for build/native-module.mjs (imported by the unit tests).
export declare const LINUX_BASELINE: Readonly<{ GLIBC: string; GLIBCXX: string; CXXABI: string }>;
export type BinaryFormat = 'elf' | 'pe' | 'macho' | 'unknown';
export interface NativeModuleInfo {
  format: BinaryFormat;
  arch: string | null;
  abi: string | null;
  abis: string[];
  napi: boolean;
}
export declare function binaryFormat(buf: Buffer): BinaryFormat;
export declare function parseElf(buf: Buffer): {
  is64: boolean;
  le: boolean;
  machine: number;
  arch: string;
  sections: Array<{ type: number; offset: number; size: number; link: number; info: number; entsize: number }>;
};
export declare function elfExportedSymbols(buf: Buffer): string[];
export declare function elfVersionNeeds(buf: Buffer): Array<{ file: string; versions: string[] }> | null;
export declare function scanVersionStrings(buf: Buffer): string[];
export declare function glibcNeeds(buf: Buffer): { source: string; versions: string[] };
export declare function sortVersions(names: Iterable<string>): string[];
export declare function versionsAbove(versions: string[], baseline?: Record<string, string>): string[];
export declare function readNativeModule(buf: Buffer): NativeModuleInfo;
export declare function electronAbi(version: string, projectDir: string): { abi: string; source: string } | null;
export declare function removeRebuildMarkers(moduleDir: string): string[];
export declare function findNodeFiles(dir: string): string[];
export declare function checkNativeModules(options: {
  resourcesDir: string;
  platform: string;
  arch?: string | null;
  expectedAbi: string;
  electronVersion: string;
  requireModules?: string[];
}): { files: Array<{ file: string; info: NativeModuleInfo; glibc: { source: string; versions: string[] } | null }>; problems: string[] };
