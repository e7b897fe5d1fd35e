import { mount } from '../../common/mount';
import { TasksScreen } from './screen';

mount(<TasksScreen />);
