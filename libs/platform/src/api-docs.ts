import { INestApplication } from '@nestjs/common';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { TOKEN_VERIFIER, TokenVerifier } from '@readmission/auth';
import type { NextFunction, Request, Response } from 'express';
import { PlatformSettings } from './settings/platform-settings';

/**
 * The OpenAPI documents at /docs (UI), /docs/openapi.json and /docs/openapi.yaml, as API_DOCS says: public, behind
 * sign-in (a valid bearer token, any role: the documents describe every endpoint, not the data), or off. Swagger's
 * routes are mounted on the HTTP server itself, outside Nest's guards, hence a middleware of their own.
 */
export function mountApiDocs(app: INestApplication, document: () => OpenAPIObject): void {
  const access = app.get(PlatformSettings).apiDocsAccess();
  if (access === 'off') return;
  if (access === 'signed-in') {
    const verify = app.get<TokenVerifier>(TOKEN_VERIFIER, { strict: false });
    app.use(async (req: Request, res: Response, next: NextFunction) => {
      if (!/^\/docs(\/|$|-)/.test(req.path)) return next();
      const [scheme, token] = (req.headers.authorization ?? '').split(' ');
      const refuse = (message: string) =>
        res.status(401).set('WWW-Authenticate', 'Bearer').json({ statusCode: 401, error: 'unauthorized', message });
      if (scheme !== 'Bearer' || !token) return refuse('a bearer token is required');
      try {
        await verify(token);
      } catch (error) {
        return refuse(`invalid token: ${(error as Error).message}`);
      }
      next();
    });
  }
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
