// A contract as the batch form offers it: its reference, its controller and the sub-processors it names.
export interface ContractChoice {
  id: string;
  reference: string;
  controllerName: string;
  subProcessors: { name: string }[];
}
