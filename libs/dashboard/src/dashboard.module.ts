import { Module } from '@nestjs/common';
import { DashboardApiController } from './dashboard-api.controller.js';
import { DashboardPageController } from './dashboard-page.controller.js';

/** The web dashboard at `/` and its JSON API under `/api`; ws-gateway imports it. */
@Module({ controllers: [DashboardPageController, DashboardApiController] })
export class DashboardModule {}
