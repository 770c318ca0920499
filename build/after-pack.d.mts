// Types for build/after-pack.mjs (imported by the unit tests).
export interface PackagedCheck {
  ok: boolean;
  problems: string[];
  warnings: string[];
  report: string[];
}
export declare function resourcesDirOf(appOutDir: string, platform: string): string;
export declare function checkPackagedApp(options: {
  appOutDir: string;
  platform: string;
  arch?: string | number;
  electronVersion?: string;
  executableName?: string;
  projectDir?: string;
  env?: Record<string, string | undefined>;
}): PackagedCheck;
export declare function afterPack(context: {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager?: { config?: { electronVersion?: string }; executableName?: string };
}): Promise<void>;
export default afterPack;
