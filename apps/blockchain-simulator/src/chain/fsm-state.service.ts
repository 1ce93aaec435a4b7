import { Injectable } from '@nestjs/common';
import { FSM_STATES, type Settings } from '@teranode-p2p/config';
import { InjectSettings } from '@teranode-p2p/service-runtime';
import { Subject } from 'rxjs';

/** The FSM state the simulator reports: `simulator_fsm_state`, until a catch-up starts. */
@Injectable()
export class FsmStateService {
  private state: number;
  /** Each new state, for FSMState notifications. */
  readonly changes = new Subject<number>();

  constructor(@InjectSettings() settings: Settings) {
    this.state = FSM_STATES.indexOf(settings.simulator_fsm_state);
  }

  get current(): number {
    return this.state;
  }

  set(state: number): void {
    if (state === this.state) return;
    this.state = state;
    this.changes.next(state);
  }
}
