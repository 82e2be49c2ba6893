export { People, type Packer } from './people';
