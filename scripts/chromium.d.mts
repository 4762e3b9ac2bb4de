export declare const chromiumPath: string;
export declare const chromiumArgs: string[];
export declare const loopbackOnlyArg: string;
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
export declare function vitestChromium<P>(
  playwright: (options: { launchOptions: { executablePath: string; args: string[] } }) => P,
): {
  enabled: true;
  headless: true;
  provider: P;
  instances: { browser: 'chromium' }[];
};
