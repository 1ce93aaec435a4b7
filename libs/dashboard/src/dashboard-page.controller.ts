import { readFileSync } from 'node:fs';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';

/** The page and its two assets, read once; no CDN and no build step. */
const ASSETS: Record<string, { body: string; type: string }> = Object.fromEntries(
  [
    ['index.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
  ].map(([name, type]) => [
    name,
    { body: readFileSync(new URL(`../assets/${name}`, import.meta.url), 'utf8'), type: type! },
  ]),
);

const POLICY = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:";

@Controller()
export class DashboardPageController {
  @Get()
  @Header('Content-Type', ASSETS['index.html']!.type)
  @Header('Content-Security-Policy', POLICY)
  page(): string {
    return ASSETS['index.html']!.body;
  }

  @Get('dashboard/:asset')
  @Header('Content-Security-Policy', POLICY)
  asset(
    @Param('asset') name: string,
    @Res({ passthrough: true }) response?: { type(type: string): void },
  ): string {
    const asset = Object.hasOwn(ASSETS, name) && name !== 'index.html' ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException(`no dashboard asset ${name}`);
    // Browsers run module scripts only when served with a JavaScript type.
    response?.type(asset.type);
    return asset.body;
  }
}
