import { mount } from '../../common/mount';
import { ClustersScreen } from './screen';

mount(<ClustersScreen />);
